export { DepartmentsTab } from './DepartmentsTab';
