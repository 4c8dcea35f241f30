/** Entry of the officer bundle: sign-in and results (Chart.js), nothing of the survey runtime. */
import { render } from 'solid-js/web';
import './officer.css';
import { App } from './App';

render(() => <App />, document.getElementById('app')!);
