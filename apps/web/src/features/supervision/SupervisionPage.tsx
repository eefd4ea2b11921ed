import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function SupervisionPage() {
  return <Placeholder titleId="nav.supervision" />;
}
