// Text files the app ships inside its bundle (Vite's `?raw` import gives their content).
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
