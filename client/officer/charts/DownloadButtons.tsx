/**
 * The small "Download" group under a chart or map: PNG and SVG, each button named for its chart
 * (a screen reader hears which chart it saves), with a status line if making the file fails.
 */
import { createSignal, Show } from 'solid-js';
import { downloadName, saveBlob } from './download';

export interface DownloadButtonsProps {
  /** The chart's title: names the buttons and the files. */
  title: string;
  png(): Promise<Blob>;
  svg(): Promise<string> | string;
  kind?: 'chart' | 'map';
}

export function DownloadButtons(props: DownloadButtonsProps) {
  const [error, setError] = createSignal('');
  const what = () => `${props.kind ?? 'chart'} '${props.title}'`;
  const run = async (ext: 'png' | 'svg') => {
    setError('');
    try {
      const blob = ext === 'png' ? await props.png() : new Blob([await props.svg()], { type: 'image/svg+xml' });
      saveBlob(blob, downloadName(props.title, ext));
    } catch {
      setError(`The ${ext.toUpperCase()} could not be made in this browser; the table has every number.`);
    }
  };
  return (
    <div class="chart-downloads" role="group" aria-label={`Download ${what()}`}>
      <span aria-hidden="true">Download</span>
      <button type="button" class="chart-download" aria-label={`Download ${what()} as PNG`} onClick={() => run('png')}>
        PNG
      </button>
      <button type="button" class="chart-download" aria-label={`Download ${what()} as SVG`} onClick={() => run('svg')}>
        SVG
      </button>
      <Show when={error()}>
        <span role="status">{error()}</span>
      </Show>
    </div>
  );
}
