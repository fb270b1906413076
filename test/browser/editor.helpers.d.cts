export declare const CHROMIUM_ARGS: string[];
export declare const SCREENSHOTS_DIR: string;
export declare function requireChromium(): string;
export declare function screenshotPath(name: string): string;
