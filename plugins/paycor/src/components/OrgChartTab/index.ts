export { OrgChartTab } from './OrgChartTab';
