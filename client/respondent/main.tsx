/** Entry of the respondent bundle: SurveyJS runtime and this page only (no dashboard code). */
import { render } from 'solid-js/web';
import 'survey-core/survey-core.fontless.min.css';
import './respondent.css';
import { enablePopupKeyboard } from '../common/popup-keyboard';
import { App } from './App';
import { Footer } from './Footer';
import { useHeadingTitles } from './headings';
import { installPlainErrors } from './plain-errors';

useHeadingTitles();
installPlainErrors();
enablePopupKeyboard();

render(
  () => (
    <>
      <App />
      <Footer />
    </>
  ),
  document.getElementById('app')!,
);
