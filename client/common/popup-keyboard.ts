/**
 * SurveyJS lists on a touch screen open as a full-screen list whose options take focus one by
 * one (arrow keys move between them), but Enter and Space on an option do nothing, so someone
 * with a keyboard on a phone or tablet (a switch, a Bluetooth keyboard) cannot choose (WCAG
 * 2.1.1). This makes Enter and Space choose the focused option, Enter in the list's search box
 * choose the first option it shows, and puts focus back on the list's box once it closes.
 */
const OPTION = '.sv-popup li[role="option"], .sv-popup li[role="menuitemradio"], .sv-popup li[role="menuitem"]';
const SEARCH = '.sv-popup .sv-list__input';

/** The box that opened the popup holding `el` (it names the list in aria-controls). */
function opener(el: Element): HTMLElement | null {
  const list = el.closest('.sv-popup')?.querySelector('[role="listbox"], [role="menu"]');
  return list?.id ? document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(list.id)}"]`) : null;
}

function choose(option: HTMLElement): void {
  const back = opener(option);
  option.click();
  // The popup closes on the click; focus would otherwise be left on nothing (the document body).
  if (back) setTimeout(() => back.focus(), 0);
}

export function enablePopupKeyboard(doc: Document = document): () => void {
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (!target || (e.key !== 'Enter' && e.key !== ' ')) return;
    if (target.matches(OPTION)) {
      e.preventDefault();
      e.stopPropagation();
      choose(target);
    } else if (e.key === 'Enter' && target.matches(SEARCH)) {
      const first = [...(target.closest('.sv-popup')?.querySelectorAll<HTMLElement>('li[role="option"]') ?? [])].find((li) => li.offsetParent !== null);
      if (first) {
        e.preventDefault();
        choose(first);
      }
    }
  };
  doc.addEventListener('keydown', onKey, true);
  return () => doc.removeEventListener('keydown', onKey, true);
}
