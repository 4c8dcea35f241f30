/** The foot of every respondent page: where to read how accessible the survey is. Pure view. */
export function Footer() {
  return (
    <footer class="site-footer">
      <a href="/accessibility">Accessibility statement</a>
    </footer>
  );
}
