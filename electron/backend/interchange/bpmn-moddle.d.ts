// bpmn-moddle 10 ships types for its model but none for its entry point: the part Flowgate uses.
declare module 'bpmn-moddle' {
  export interface ParseResult {
    rootElement: unknown;
    warnings: { message: string }[];
    elementsById: Record<string, unknown>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
