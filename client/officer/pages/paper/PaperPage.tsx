/** PLACEHOLDER (issue 5, being built): replaced by the real page. */
import { PageHeading } from '../../components/feedback';

export function PaperPage() {
  return <PageHeading>PaperPage</PageHeading>;
}
