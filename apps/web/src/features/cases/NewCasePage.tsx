import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function NewCasePage() {
  return <Placeholder titleId="newCase.title" />;
}
