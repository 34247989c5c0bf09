export { EntityPaycorCard } from './EntityPaycorCard';
export type { EntityPaycorCardProps } from './EntityPaycorCard';
