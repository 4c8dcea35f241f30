/** A friendly page for a questionnaire that cannot be answered now. Pure view. */
import { Show } from 'solid-js';

export interface ErrorPageProps {
  heading: string;
  message: string;
  onRetry?: () => void;
}

export function ErrorPage(props: ErrorPageProps) {
  return (
    <main class="page error-page" id="survey-main">
      <h1>{props.heading}</h1>
      <p>{props.message}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="action" onClick={() => retry()()}>
            Try again
          </button>
        )}
      </Show>
      <p class="small">Thank you for wanting to take part. If you think this is a mistake, contact whoever sent you the link.</p>
    </main>
  );
}

/** Heading and text for a refusal to show the questionnaire (404 unknown, 410 closed/expired/full). */
export function unavailableText(kind: 'survey' | 'link', status: number, serverMessage: string): ErrorPageProps {
  if (status === 404) {
    return { heading: kind === 'link' ? 'This link is not recognised' : 'We cannot find this survey', message: serverMessage };
  }
  if (status === 403) return { heading: 'This survey is answered through a link', message: serverMessage };
  if (status === 410) {
    const expired = kind === 'link' && /expired/i.test(serverMessage);
    const full = kind === 'link' && /all the answers/i.test(serverMessage);
    const heading = expired ? 'This link has expired' : full ? 'This link is no longer taking answers' : 'This survey is closed';
    return { heading, message: serverMessage };
  }
  return { heading: 'This survey cannot be shown', message: serverMessage };
}
