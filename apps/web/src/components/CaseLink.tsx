import { useIntl } from 'react-intl';
import { AnchorLink } from './Links';

/** A case's reference as shown, or "No reference" (`cases.noReference`) while it has none. */
export function useCaseReference(): (reference: string | null | undefined) => string {
  const intl = useIntl();
  return (reference) => reference ?? intl.formatMessage({ id: 'cases.noReference' });
}

/** The link to a case's page, named by its reference. */
export function CaseLink({
  caseId,
  reference,
}: {
  readonly caseId: string;
  readonly reference: string | null | undefined;
}) {
  const label = useCaseReference();
  return (
    <AnchorLink to="/cases/$caseId" params={{ caseId }}>
      {label(reference)}
    </AnchorLink>
  );
}
