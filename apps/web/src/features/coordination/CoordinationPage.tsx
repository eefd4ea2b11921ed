import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function CoordinationPage() {
  return <Placeholder titleId="nav.coordination" />;
}
