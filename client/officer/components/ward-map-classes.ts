/** The map classes, shared with the committee report's maps (server/areas/map-classes.ts: pure code). */
export { classOf, gapClasses, NO_DATA_COLOUR, quantileClasses } from '../../../server/areas/map-classes';
