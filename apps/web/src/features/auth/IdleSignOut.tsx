import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { refreshSession } from '../../lib/api/client';
import { useSession } from '../../lib/session/session';

const WARNING_MS = 60_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Idle sign-out (ASVS 7.3.1): after `idleTimeoutSeconds` (GET /auth/config) without a key, click,
 * touch or scroll the session ends; a dialog warns a minute before. Once it shows, only
 * "Stay signed in" keeps the session, so that a key pressed by chance does not.
 */
export function IdleSignOut() {
  const intl = useIntl();
  const { config, signOut } = useSession();
  const timeoutMs = config.idleTimeoutSeconds * 1000;
  const lastActivity = useRef(0);
  const warningRef = useRef(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    lastActivity.current = Date.now();
    const mark = () => {
      if (!warningRef.current) lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, mark, { passive: true, capture: true });
    // The server ends a session whose refresh token goes unused for the idle time, even when
    // she is busy in a long form that sends nothing: while she is active, renew it in time.
    let lastRenewal = Date.now();
    const timer = window.setInterval(() => {
      const now = Date.now();
      const idle = now - lastActivity.current;
      if (lastActivity.current > lastRenewal && now - lastRenewal >= timeoutMs / 3) {
        lastRenewal = now;
        void refreshSession();
      }
      if (idle >= timeoutMs) {
        window.clearInterval(timer);
        void signOut('idle');
      } else if (idle >= timeoutMs - WARNING_MS) {
        warningRef.current = true;
        setSecondsLeft(Math.ceil((timeoutMs - idle) / 1000));
      }
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, mark, { capture: true });
    };
  }, [timeoutMs, signOut]);

  const stay = () => {
    warningRef.current = false;
    lastActivity.current = Date.now();
    setSecondsLeft(null);
    void refreshSession();
  };

  return (
    <Modal
      opened={secondsLeft !== null}
      onClose={stay}
      title={intl.formatMessage({ id: 'idle.title' })}
      centered
      closeOnClickOutside={false}
    >
      <Text mb="md">
        <FormattedMessage id="idle.body" values={{ seconds: secondsLeft ?? 0 }} />
      </Text>
      <Group justify="flex-end">
        <Button onClick={stay} data-autofocus>
          <FormattedMessage id="idle.stay" />
        </Button>
      </Group>
    </Modal>
  );
}
