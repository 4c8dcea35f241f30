/**
 * The respondent page: load the questionnaire named by the address, then show it, or say
 * plainly why it cannot be answered.
 */
import { Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { loadSurvey, type Loaded, type PublicSurvey } from './api';
import { CouncilHeader, PrivacyLink } from './Council';
import { ErrorPage, unavailableText } from './ErrorPage';
import { createRespondentModel, type SubmitState } from './model';
import { clearSaved, storageKey } from './saved-state';
import { SubmitStatus } from './SubmitStatus';
import { SurveyView } from './SurveyView';
import { targetFromPath, type Target } from './where';

function SurveyPage(props: { survey: PublicSurvey; target: Target }) {
  const [submit, setSubmit] = createSignal<SubmitState>({ kind: 'idle' });
  const r = createRespondentModel(props.survey, props.target, setSubmit);
  document.title = props.survey.title;
  const startAgain = () => {
    clearSaved(storageKey(props.target.kind, props.target.id, props.survey.wave.name, props.survey.version));
    location.reload();
  };
  return (
    <main class="page" id="survey-main">
      <CouncilHeader />
      <Show when={r.resumed && submit().kind !== 'done'}>
        <div class="notice resumed" role="status">
          <span>Welcome back: your earlier answers on this device have been kept.</span>{' '}
          <button type="button" class="link-button" onClick={startAgain}>
            Start again
          </button>
        </div>
      </Show>
      <Show when={props.survey.label}>
        <p class="via">Taking part through: {props.survey.label}</p>
      </Show>
      <SurveyView model={r.model} />
      <SubmitStatus state={submit()} onRetry={r.retry} onGoTo={r.goTo} />
      <PrivacyLink slug={props.survey.slug} />
    </main>
  );
}

export function App() {
  const target = targetFromPath(location.pathname);
  if (!target) {
    return <ErrorPage heading="We cannot find this survey" message="This address does not point to a survey. Check that the link was copied in full." />;
  }
  const [loaded, { refetch }] = createResource<Loaded>(() => loadSurvey(target));
  return (
    <Switch
      fallback={
        <main class="page" id="survey-main">
          <p class="notice">Loading the survey…</p>
        </main>
      }
    >
      <Match when={loaded()?.kind === 'ok' && (loaded() as Extract<Loaded, { kind: 'ok' }>)}>
        {(ok) => <SurveyPage survey={ok().survey} target={target} />}
      </Match>
      <Match when={loaded()?.kind === 'unavailable' && (loaded() as Extract<Loaded, { kind: 'unavailable' }>)}>
        {(u) => <ErrorPage {...unavailableText(target.kind, u().status, u().message)} />}
      </Match>
      <Match when={loaded()?.kind === 'offline'}>
        <ErrorPage
          heading="The survey could not be loaded"
          message="We could not reach the survey server. Check your connection and try again."
          onRetry={() => void refetch()}
        />
      </Match>
    </Switch>
  );
}
