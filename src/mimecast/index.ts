export * from "./client";
export * from "./failures";
export * from "./headers";
export * from "./lifetime";
export * from "./regions";
export * from "./transport";
