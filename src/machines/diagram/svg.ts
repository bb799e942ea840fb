// A statechart picture (SVG) from an XState v5 machine DEFINITION (issue 6 "Pictures"): the
// states and transitions toMermaid draws, laid out by ELK and drawn as SVG. Deterministic: the
// same machine gives the same bytes, so docs/statecharts/*.svg can be checked for staleness.
import type { AnyStateMachine } from 'xstate';
import { diagramModel, type DiagramModel } from './diagram-model.ts';
import type { MermaidOptions } from './mermaid.ts';
import { drawSvg } from './svg-draw.ts';
import { layoutDiagram } from './svg-layout.ts';

export type SvgOptions = MermaidOptions;

/** The picture and the model it was drawn from (a viewer marks states and arrows by the model's ids). */
export interface StatechartPicture {
  model: DiagramModel;
  svg: string;
}

/**
 * @example
 * const { model, svg } = await statechartPicture(connectionMachine); // svg: <g data-state="online.quiet">…
 */
export async function statechartPicture(machine: AnyStateMachine, options: SvgOptions = {}): Promise<StatechartPicture> {
  const model = diagramModel(machine, options);
  return { model, svg: drawSvg(await layoutDiagram(model), `${machine.id} statechart`) };
}

export async function toSvg(machine: AnyStateMachine, options: SvgOptions = {}): Promise<string> {
  return (await statechartPicture(machine, options)).svg;
}
