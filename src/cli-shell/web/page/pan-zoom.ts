// Zoom and pan of a statechart picture by its viewBox: the wheel zooms around the pointer, a drag
// pans, and the page can fit the whole chart or bring a state's box into view. The view is kept as
// the picture point at the viewport's top-left corner and the scale (screen pixels per picture unit).
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PanZoom {
  /** The whole picture in the viewport. */
  fit(): void;
  /** Zooms by `factor` around a viewport point (default its centre). */
  zoomBy(factor: number, at?: { x: number; y: number }): void;
  /** Centres `box`, at `scale` when given (else the current one). */
  centre(box: Box, scale?: number): void;
  /** Whether `box` lies wholly in the visible part of the picture. */
  shows(box: Box): boolean;
  /** The scale at which the whole picture fits. */
  fitScale(): number;
  /** The viewport's size in screen pixels. */
  viewport(): { width: number; height: number };
  readonly scale: number;
  detach(): void;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

export function panZoom(viewport: HTMLElement, svg: SVGSVGElement, picture: { width: number; height: number }): PanZoom {
  let x = 0;
  let y = 0;
  let scale = 1;
  const size = (): { w: number; h: number } => ({ w: Math.max(1, viewport.clientWidth), h: Math.max(1, viewport.clientHeight) });
  const apply = (): void => {
    const { w, h } = size();
    svg.setAttribute('viewBox', `${x} ${y} ${w / scale} ${h / scale}`);
    svg.dataset['scale'] = scale.toFixed(3);
  };
  const clamp = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));
  const fitScale = (): number => {
    const { w, h } = size();
    return clamp(Math.min(w / picture.width, h / picture.height) * 0.97);
  };
  const centre = (box: Box, s: number = scale): void => {
    const { w, h } = size();
    scale = clamp(s);
    x = box.x + box.width / 2 - w / scale / 2;
    y = box.y + box.height / 2 - h / scale / 2;
    apply();
  };
  const zoomBy = (factor: number, at?: { x: number; y: number }): void => {
    const { w, h } = size();
    const px = at?.x ?? w / 2;
    const py = at?.y ?? h / 2;
    const next = clamp(scale * factor);
    // The picture point under the pointer stays under it.
    x += px / scale - px / next;
    y += py / scale - py / next;
    scale = next;
    apply();
  };

  const onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    zoomBy(Math.pow(1.0015, -e.deltaY), { x: e.clientX - r.left, y: e.clientY - r.top });
  };
  let drag: { id: number; cx: number; cy: number } | null = null;
  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    drag = { id: e.pointerId, cx: e.clientX, cy: e.clientY };
    viewport.setPointerCapture(e.pointerId);
    viewport.classList.add('dragging');
  };
  const onMove = (e: PointerEvent): void => {
    if (drag === null || e.pointerId !== drag.id) return;
    x -= (e.clientX - drag.cx) / scale;
    y -= (e.clientY - drag.cy) / scale;
    drag.cx = e.clientX;
    drag.cy = e.clientY;
    apply();
  };
  const onUp = (e: PointerEvent): void => {
    if (drag === null || e.pointerId !== drag.id) return;
    drag = null;
    viewport.classList.remove('dragging');
  };
  // A resized window keeps the same picture point at the centre.
  let last = size();
  const resized = new ResizeObserver(() => {
    const now = size();
    x += (last.w - now.w) / scale / 2;
    y += (last.h - now.h) / scale / 2;
    last = now;
    apply();
  });
  viewport.addEventListener('wheel', onWheel, { passive: false });
  viewport.addEventListener('pointerdown', onDown);
  viewport.addEventListener('pointermove', onMove);
  viewport.addEventListener('pointerup', onUp);
  viewport.addEventListener('pointercancel', onUp);
  resized.observe(viewport);

  return {
    fit: () => centre({ x: 0, y: 0, width: picture.width, height: picture.height }, fitScale()),
    zoomBy,
    centre,
    shows(box) {
      const { w, h } = size();
      return box.x >= x && box.y >= y && box.x + box.width <= x + w / scale && box.y + box.height <= y + h / scale;
    },
    fitScale,
    viewport: () => {
      const { w, h } = size();
      return { width: w, height: h };
    },
    get scale() {
      return scale;
    },
    detach() {
      resized.disconnect();
      viewport.removeEventListener('wheel', onWheel);
      viewport.removeEventListener('pointerdown', onDown);
      viewport.removeEventListener('pointermove', onMove);
      viewport.removeEventListener('pointerup', onUp);
      viewport.removeEventListener('pointercancel', onUp);
    },
  };
}
