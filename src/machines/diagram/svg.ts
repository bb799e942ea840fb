// A statechart picture (SVG) from an XState v5 machine DEFINITION (issue 6 "Pictures"): the
// states and transitions toMermaid draws, laid out by ELK and drawn as SVG. Deterministic: the
// same machine gives the same bytes, so docs/statecharts/*.svg can be checked for staleness.
import type { AnyStateMachine } from 'xstate';
import { diagramModel } from './diagram-model.ts';
import type { MermaidOptions } from './mermaid.ts';
import { drawSvg } from './svg-draw.ts';
import { layoutDiagram } from './svg-layout.ts';

export type SvgOptions = MermaidOptions;

export async function toSvg(machine: AnyStateMachine, options: SvgOptions = {}): Promise<string> {
  const layout = await layoutDiagram(diagramModel(machine, options));
  return drawSvg(layout, `${machine.id} statechart`);
}
