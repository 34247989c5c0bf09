export { EntityReportingLineCard } from './EntityReportingLineCard';
export type { EntityReportingLineCardProps } from './EntityReportingLineCard';
