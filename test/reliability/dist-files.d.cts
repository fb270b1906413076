export declare const PACKAGE_ROOT: string;
/** Every file under dist/ with its text, or null when the package is not built. */
export declare function distFiles(): Array<{ path: string; text: string }> | null;
