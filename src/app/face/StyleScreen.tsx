export default function StyleScreen() {
  return <section><h2>Style</h2></section>;
}
