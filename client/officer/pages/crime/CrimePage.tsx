/** PLACEHOLDER (issue 5, being built): replaced by the real page. */
import { PageHeading } from '../../components/feedback';

export function CrimePage() {
  return <PageHeading>CrimePage</PageHeading>;
}
