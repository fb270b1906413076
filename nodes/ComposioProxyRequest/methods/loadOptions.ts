export { getToolkits } from '../../shared/methods/loadOptions';
