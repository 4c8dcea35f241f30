/** The foot of every respondent page: where to read how accessible the survey is, in the page's language. */
import { messagesFor } from './messages';
import { pageLocale } from './page-locale';

export function Footer() {
  return (
    <footer class="site-footer">
      <a href="/accessibility">{messagesFor(pageLocale()).accessibilityStatement}</a>
    </footer>
  );
}
