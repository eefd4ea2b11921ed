import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function CasePage() {
  return <Placeholder titleId="casePage.title" />;
}
