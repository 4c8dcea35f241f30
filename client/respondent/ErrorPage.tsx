/** A friendly page for a questionnaire that cannot be answered now. Pure view. */
import { Show } from 'solid-js';
import { messagesFor, type Messages } from './messages';

export interface ErrorPageProps {
  heading: string;
  message: string;
  onRetry?: () => void;
  messages?: Messages;
}

export function ErrorPage(props: ErrorPageProps) {
  const t = () => props.messages ?? messagesFor('en');
  return (
    <main class="page error-page" id="survey-main">
      <h1>{props.heading}</h1>
      <p>{props.message}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="action" onClick={() => retry()()}>
            {t().tryAgain}
          </button>
        )}
      </Show>
      <p class="small">{t().thanksForTrying}</p>
    </main>
  );
}

/** Heading and text for a refusal to show the questionnaire (404 unknown, 410 closed/expired/full). */
export function unavailableText(kind: 'survey' | 'link', status: number, serverMessage: string, t: Messages = messagesFor('en')): ErrorPageProps {
  if (status === 404) {
    return { heading: kind === 'link' ? t.linkUnknown : t.notFoundHeading, message: serverMessage };
  }
  if (status === 403) return { heading: t.linkOnly, message: serverMessage };
  if (status === 410) {
    const expired = kind === 'link' && /expired/i.test(serverMessage);
    const full = kind === 'link' && /all the answers/i.test(serverMessage);
    const heading = expired ? t.linkExpired : full ? t.linkFull : t.closed;
    return { heading, message: serverMessage };
  }
  return { heading: t.cannotShow, message: serverMessage };
}
