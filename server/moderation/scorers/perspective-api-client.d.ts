// Types for perspective-api-client 3.1.0, which ships none (@types/perspective-api-client does not exist).
// Only what the package really does (see shared reference perspective-api.md §1.1).

declare module 'perspective-api-client' {
  interface AttributeRequest {
    scoreType?: 'PROBABILITY';
    scoreThreshold?: number;
  }

  interface AnalyzeCommentRequest {
    comment: { text: string; type?: 'PLAIN_TEXT' };
    requestedAttributes?: Record<string, AttributeRequest>;
    languages?: string[];
    doNotStore?: boolean;
    spanAnnotations?: boolean;
    clientToken?: string;
    sessionId?: string;
    communityId?: string;
    context?: { entries: { text: string; type?: 'PLAIN_TEXT' }[] };
  }

  interface AnalyzeOptions {
    /** Names (upper-cased for you) or a full map; default TOXICITY unless requestedAttributes is set. */
    attributes?: string[] | Record<string, AttributeRequest>;
    /** Default true. */
    doNotStore?: boolean;
    /** Default true: runs the text through striptags, which mangles plain text ("I <3 you" -> "I "). */
    stripHTML?: boolean;
    /** Cuts at 20480 UTF-16 units (not bytes). Default false. */
    truncate?: boolean;
    /** Empty / too-long checks. Default true. */
    validate?: boolean;
  }

  /** Axios's response, for HTTP failures; undefined for network errors and timeouts. */
  interface ErrorResponse {
    status: number;
    statusText?: string;
    headers?: Record<string, unknown>;
    /** Carries the API key in config.params.key: never log it. */
    config?: unknown;
    data: unknown;
  }

  class PerspectiveAPIClientError extends Error {}
  class TextEmptyError extends PerspectiveAPIClientError {}
  class TextTooLongError extends PerspectiveAPIClientError {}
  class ResponseError extends PerspectiveAPIClientError {
    response: ErrorResponse | undefined;
  }

  class Perspective {
    constructor(options: { apiKey: string });
    /** Resolves with the raw response body of any 2xx, unvalidated: it may be a string. */
    analyze(text: string | AnalyzeCommentRequest, options?: AnalyzeOptions): Promise<unknown>;
    getAnalyzeCommentPayload(text: string | AnalyzeCommentRequest, options?: AnalyzeOptions): Record<string, unknown>;
    static PerspectiveAPIClientError: typeof PerspectiveAPIClientError;
    static TextEmptyError: typeof TextEmptyError;
    static TextTooLongError: typeof TextTooLongError;
    static ResponseError: typeof ResponseError;
  }

  export = Perspective;
}
