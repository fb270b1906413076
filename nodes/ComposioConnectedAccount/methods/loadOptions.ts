export { getAuthConfigs, getToolkits } from '../../shared/methods/loadOptions';
