export {
	searchAuthConfigs,
	searchConnectedAccounts,
	searchToolkits,
} from '../../shared/methods/listSearch';
