import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { ReauthenticationDialog } from '../components/ReauthenticationDialog';
import { IntlRoot } from '../lib/i18n/IntlRoot';
import { SessionProvider } from '../lib/session/session';
import { createQueryClient } from './query-client';
import { router } from './router';
import { cssVariablesResolver, memoryColorSchemeManager, theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={memoryColorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <IntlRoot>
          <SessionProvider>
            <RouterProvider router={router} />
            <ReauthenticationDialog />
          </SessionProvider>
        </IntlRoot>
      </QueryClientProvider>
    </MantineProvider>
  );
}
