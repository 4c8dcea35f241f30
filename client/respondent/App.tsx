/**
 * The respondent page: load the questionnaire named by the address, then show it, or say
 * plainly why it cannot be answered.
 */
import { Match, Show, Switch, createEffect, createResource, createSignal } from 'solid-js';
import { loadSurvey, type Loaded, type PublicSurvey } from './api';
import { CouncilHeader, PrivacyLink } from './Council';
import { ErrorPage, unavailableText } from './ErrorPage';
import { DemoTranslationNote, LanguageChooser } from './LanguageChooser';
import { browserLanguages, messagesFor, preferredLocale } from './messages';
import { setPageLocale } from './page-locale';
import { createRespondentModel, type SubmitState } from './model';
import { clearSaved, storageKey } from './saved-state';
import { SubmitStatus } from './SubmitStatus';
import { SurveyView } from './SurveyView';
import { targetFromPath, type Target } from './where';

function SurveyPage(props: { survey: PublicSurvey; target: Target }) {
  const [submit, setSubmit] = createSignal<SubmitState>({ kind: 'idle' });
  const r = createRespondentModel(props.survey, props.target, setSubmit);
  const languages = props.survey.languages ?? [];
  const [locale, setLocale] = createSignal('en');
  const [firstPage, setFirstPage] = createSignal(r.model.currentPageNo === 0);
  r.model.onCurrentPageChanged.add((m) => setFirstPage(m.currentPageNo === 0));
  const choose = (code: string) => void r.setLocale(code).then(() => setLocale(code));
  if (r.initialLocale !== 'en') choose(r.initialLocale);
  const t = () => messagesFor(locale());
  createEffect(() => {
    document.documentElement.lang = locale();
    setPageLocale(locale());
  });
  document.title = props.survey.title;
  const startAgain = () => {
    clearSaved(storageKey(props.target.kind, props.target.id, props.survey.wave.name, props.survey.version));
    location.reload();
  };
  return (
    <main class="page" id="survey-main">
      <CouncilHeader slug={props.survey.slug} />
      <Show when={languages.length > 1 && firstPage() && submit().kind !== 'done'}>
        <LanguageChooser languages={languages} locale={locale()} onChoose={choose} />
      </Show>
      <Show when={languages.find((l) => l.code === locale())?.demonstration}>
        <DemoTranslationNote locale={locale()} />
      </Show>
      <Show when={r.resumed && submit().kind !== 'done'}>
        <div class="notice resumed" role="status">
          <span>{t().resumed}</span>{' '}
          <button type="button" class="link-button" onClick={startAgain}>
            {t().startAgain}
          </button>
        </div>
      </Show>
      <Show when={props.survey.label}>
        <p class="via">
          {t().via} {props.survey.label}
        </p>
      </Show>
      <SurveyView model={r.model} />
      <SubmitStatus state={submit()} onRetry={r.retry} onGoTo={r.goTo} messages={t()} />
      <PrivacyLink slug={props.survey.slug} text={t().privacyLink} />
    </main>
  );
}

export function App() {
  const target = targetFromPath(location.pathname);
  // Before the questionnaire says what it offers: the browser's language if this page speaks it.
  const t = messagesFor(preferredLocale(['en', 'cy'], browserLanguages()));
  if (!target) {
    return <ErrorPage heading={t.notFoundHeading} message={t.notFoundText} messages={t} />;
  }
  const [loaded, { refetch }] = createResource<Loaded>(() => loadSurvey(target));
  return (
    <Switch
      fallback={
        <main class="page" id="survey-main">
          <p class="notice">{t.loading}</p>
        </main>
      }
    >
      <Match when={loaded()?.kind === 'ok' && (loaded() as Extract<Loaded, { kind: 'ok' }>)}>
        {(ok) => <SurveyPage survey={ok().survey} target={target} />}
      </Match>
      <Match when={loaded()?.kind === 'unavailable' && (loaded() as Extract<Loaded, { kind: 'unavailable' }>)}>
        {(u) => <ErrorPage {...unavailableText(target.kind, u().status, u().message, t)} messages={t} />}
      </Match>
      <Match when={loaded()?.kind === 'offline'}>
        <ErrorPage heading={t.loadFailedHeading} message={t.loadFailedText} onRetry={() => void refetch()} messages={t} />
      </Match>
    </Switch>
  );
}
