import { Placeholder } from '../../components/Placeholder';

/** Being built: replace this placeholder with the screen. */
export function StatisticsPage() {
  return <Placeholder titleId="nav.statistics" />;
}
