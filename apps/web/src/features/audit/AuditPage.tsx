import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function AuditPage() {
  return <Placeholder titleId="nav.audit" />;
}
