import { createContext, useContext } from "react";

// The per-request CSP nonce, rendered into Remix's inline scripts. Empty in the browser (not needed there).
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
