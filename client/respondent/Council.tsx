/**
 * Who runs the survey and how they use the answers: the council's logo and name above the
 * questionnaire (once an admin has set them), and the link to the questionnaire's privacy
 * notice below it, so it is there on the first page and on the end page alike.
 */
import { Show, createResource } from 'solid-js';
import { api } from './api';

async function loadCouncil(survey: string): Promise<{ name: string; logo: string | null } | null> {
  try {
    // The partnership running this questionnaire (a deployment may hold several).
    const res = await api.council.$get({ query: { survey } });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

export function CouncilHeader(props: { slug: string }) {
  const [council] = createResource(() => props.slug, loadCouncil);
  return (
    <Show when={council()}>
      {(c) => (
        <header class="council">
          <Show when={c().logo}>{(src) => <img class="council-logo" src={src()} alt="" />}</Show>
          <span class="council-name">{c().name}</span>
        </header>
      )}
    </Show>
  );
}

/** `text` is the page's own words in the chosen language (messages.ts). */
export function PrivacyLink(props: { slug: string; text: string }) {
  return (
    <p class="privacy-link">
      <a href={`/s/${encodeURIComponent(props.slug)}/privacy`} target="_blank" rel="noopener">
        {props.text}
      </a>
    </p>
  );
}
