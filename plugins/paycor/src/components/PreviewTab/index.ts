export { PreviewTab } from './PreviewTab';
