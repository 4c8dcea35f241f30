// svgcanvas ships no types: the one class used, a Canvas 2D context that records SVG.
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number });
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }
}
