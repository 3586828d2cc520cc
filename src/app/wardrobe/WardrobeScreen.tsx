export default function WardrobeScreen() {
  return <section><h2>Wardrobe</h2></section>;
}
