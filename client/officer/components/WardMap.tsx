/**
 * A ward map (choropleth) as a pure view: the server's projected paths, coloured by class, the
 * action classes hatched, a legend in words, and each ward's figure as its tooltip. It is an image
 * with a text alternative (its title and summary); the table beside it holds every figure.
 */
import { For, Show } from 'solid-js';
import { DownloadButtons } from '../charts/DownloadButtons';
import { wardMapFile, wardMapPng } from './ward-map-download';
import { classOf, NO_DATA_COLOUR } from './ward-map-classes';
import type { MapClass, WardMapData, WardValue } from './ward-map-types';

export interface WardMapProps {
  id: string;
  map: WardMapData;
  values: ReadonlyMap<string, WardValue>;
  classes: readonly MapClass[];
  title: string;
  /** The map in words (what a screen reader hears instead of the picture). */
  summary: string;
  /** What a flagged (hatched) ward means, for the legend: e.g. "Fewer than 100 replies: read with care". */
  flagLabel?: string;
  /**
   * How flagged wards are marked: hatched (the default), or dotted where the classes themselves
   * are hatched (so a flagged ward is not read as one of them).
   */
  flagPattern?: 'hatch' | 'dots';
  /** Source and made-up-data notice, drawn under the map in its downloads (with the boundaries' attribution). */
  caption?: string;
}

export function WardMap(props: WardMapProps) {
  const hatch = () => `${props.id}-hatch`;
  const dots = () => props.flagPattern === 'dots';
  const flagFill = () => `url(#${props.id}-${dots() ? 'dots' : 'hatch'})`;
  const counts = () => {
    // By label: the classes may be a new array on each read of props.
    const byClass = new Map<string | undefined, number>();
    for (const w of props.map.wards) {
      const c = classOf(props.classes, props.values.get(w.code)?.value ?? null);
      byClass.set(c?.label, (byClass.get(c?.label) ?? 0) + 1);
    }
    return byClass;
  };
  const noData = () => counts().get(undefined) ?? 0;
  const flagged = () => props.map.wards.filter((w) => props.values.get(w.code)?.flagged).length;
  let figure!: HTMLElement;
  const meta = () => ({
    title: props.title,
    caption: [props.caption, props.map.attribution ? `Boundaries: ${props.map.attribution}` : ''].filter(Boolean).join(' '),
  });
  return (
    // One block (map and its downloads), so a grid of figures keeps them together.
    <div class="ward-map-block">
      <figure class="ward-map" id={props.id} ref={figure}>
        <svg
          viewBox={`0 0 ${props.map.width} ${props.map.height}`}
          role="img"
          aria-labelledby={`${props.id}-title ${props.id}-desc`}
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={`${props.id}-title`}>{props.title}</title>
          <desc id={`${props.id}-desc`}>{props.summary}</desc>
          <defs>
            <pattern id={hatch()} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="1.4" />
            </pattern>
            <Show when={dots()}>
              <pattern id={`${props.id}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
                <circle cx="2.5" cy="2.5" r="1.1" fill="#1a1a1a" stroke="#ffffff" stroke-width="0.5" />
              </pattern>
            </Show>
          </defs>
          <For each={props.map.wards}>
            {(w) => {
              const v = () => props.values.get(w.code);
              const c = () => classOf(props.classes, v()?.value ?? null);
              return (
                <g class="ward" data-code={w.code} data-class={c()?.label ?? 'no data'}>
                  <title>{`${w.name}: ${v()?.text ?? 'no figure'}`}</title>
                  <path d={w.path} fill={c()?.colour ?? NO_DATA_COLOUR} stroke="#3b3b3b" stroke-width="0.8" />
                  <Show when={c()?.hatched}>
                    <path d={w.path} fill={`url(#${hatch()})`} stroke="none" />
                  </Show>
                  <Show when={v()?.flagged && (dots() || !c()?.hatched)}>
                    <path class="flagged" d={w.path} fill={flagFill()} stroke="none" />
                  </Show>
                </g>
              );
            }}
          </For>
        </svg>
        <figcaption>
          <ul class="map-legend">
            <For each={props.classes}>
              {(c) => (
                <li>
                  <svg class="swatch" viewBox="0 0 20 14" aria-hidden="true">
                    <rect x="0.5" y="0.5" width="19" height="13" fill={c.colour} stroke="#3b3b3b" />
                    <Show when={c.hatched}>
                      <rect x="0.5" y="0.5" width="19" height="13" fill={`url(#${hatch()})`} stroke="none" />
                    </Show>
                  </svg>
                  {c.label}
                  {c.hatched ? ' (hatched)' : ''}: {counts().get(c.label) ?? 0} {(counts().get(c.label) ?? 0) === 1 ? 'ward' : 'wards'}
                </li>
              )}
            </For>
            <Show when={props.flagLabel && flagged() > 0}>
              <li>
                <svg class="swatch" viewBox="0 0 20 14" aria-hidden="true">
                  <rect x="0.5" y="0.5" width="19" height="13" fill="#ffffff" stroke="#3b3b3b" />
                  <rect x="0.5" y="0.5" width="19" height="13" fill={flagFill()} stroke="none" />
                </svg>
                {dots() ? 'Dotted' : 'Hatched'}: {props.flagLabel}: {flagged()} {flagged() === 1 ? 'ward' : 'wards'}
              </li>
            </Show>
            <Show when={noData() > 0}>
              <li>
                <svg class="swatch" viewBox="0 0 20 14" aria-hidden="true">
                  <rect x="0.5" y="0.5" width="19" height="13" fill={NO_DATA_COLOUR} stroke="#3b3b3b" />
                </svg>
                No figure: {noData()} {noData() === 1 ? 'ward' : 'wards'}
              </li>
            </Show>
          </ul>
          <Show when={props.map.attribution}>
            <p class="hint map-attribution">Boundaries: {props.map.attribution}</p>
          </Show>
        </figcaption>
      </figure>
      <DownloadButtons kind="map" title={props.title} png={() => wardMapPng(figure, meta())} svg={() => wardMapFile(figure, meta()).svg} />
    </div>
  );
}
