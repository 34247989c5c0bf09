export { PeopleTab } from './PeopleTab';
