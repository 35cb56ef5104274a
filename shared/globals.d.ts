// The only globals the domain core uses beyond the language itself (tsconfig.shared.json has no DOM
// and no Node types). Both exist wherever shared/ runs: browsers, Node and Electron.
declare global {
  /** WHATWG URL, used to check that a base URL is a well-formed http(s) address. */
  class URL {
    constructor(url: string, base?: string);
    readonly protocol: string;
    readonly username: string;
    readonly password: string;
  }

  /** A deep copy of plain data (structured clone), used to copy steps and scenario inputs. */
  function structuredClone<T>(value: T): T;
}

export {};
