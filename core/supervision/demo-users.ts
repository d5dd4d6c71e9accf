/** The demo directory is the app's, not 督办's (core/directory/demo-users.ts); kept here for the 督办 code that names it. */
export { DEFAULT_LOGIN, demoContactOf, DEMO_USERS } from '../directory/demo-users';
