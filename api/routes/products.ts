// GET /v1/products/:id and its picture. Products are fixed for a catalog build, so
// both may be cached; the picture is immutable (its id names one dataset image).
import { IMAGE_SIDE, productPixels } from "../catalog/dataset";
import { ApiError } from "../errors";
import { json } from "../http";
import { encodeGreyPng } from "../png";
import type { CatalogService } from "../service";
import { readyCatalog, type RouteFn } from "./context";

function find(service: CatalogService, id: string) {
  readyCatalog(service);
  const found = service.product(id);
  if (!found) throw new ApiError("not_found", `no product ${JSON.stringify(id.slice(0, 40))} in this catalog (ids look like fm-train-012345)`);
  return found;
}

export const product: RouteFn = ({ service, params }) => json(200, find(service, params[0]!).product, { "Cache-Control": "public, max-age=86400" });

export const productImage: RouteFn = ({ service, params }) => {
  const { index } = find(service, params[0]!);
  const images = service.images;
  if (images.status === "loading") throw new ApiError("not_ready", "product images are still loading; retry shortly", undefined, 5);
  if (images.status === "unavailable") throw new ApiError("not_found", `product images are unavailable on this server: ${images.reason}`);
  // Fashion-MNIST is a light garment on black; shops show a dark garment on white.
  const pixels = productPixels(images.images, index).map((p) => 255 - p);
  const png = encodeGreyPng(IMAGE_SIDE, IMAGE_SIDE, pixels);
  return new Response(new Uint8Array(png), {
    status: 200,
    headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "public, max-age=31536000, immutable" },
  });
};
