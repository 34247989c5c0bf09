export { ConflictsTab } from './ConflictsTab';
