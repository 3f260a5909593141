/** The local stack's functions whose asynchronous invocations have a dead-letter folder. */
export const LOCAL_FUNCTIONS: readonly string[] = Object.freeze(['thumbnail', 'avatarProcessed']);
