import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { credentialHeaders, signOut, viewer } from './session';

/** A GraphQL error as the API reports it (GraphQL over HTTP: message, path and extensions.code). */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string };
}

/** The request failed: the API could not be reached, or it answered with errors and no data. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly errors: GraphQLError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where /graphql is: the host writes its configured path into the page's head when it serves the page. */
function endpoint(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="healthgraph-graphql"]')?.content ?? '../graphql';
}

/** The persisted-document id codegen put in place of each document's text (`sha256:<hex>`). */
function documentId(operation: TypedDocumentNode<unknown, unknown>): string {
  const id = (operation as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id) {
    throw new Error('A document without its persisted id: run `npm run codegen`.');
  }
  return id;
}

/**
 * Runs one of the page's queries against /graphql by its persisted id (GraphQL over HTTP, GET: an anonymous answer
 * is then validated by its ETag, so the browser and any cache on the way keep it until the graph changes), with the
 * signed-in editor's credential (or `credential`, the header of one to check before signing in with it). Partial data
 * is returned as it is; errors without data are thrown as ApiError.
 */
export function execute<TResult, TVariables>(
  operation: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
  credential?: Record<string, string>,
): Promise<TResult> {
  const url = new URL(endpoint(), document.baseURI);
  url.searchParams.set('documentId', documentId(operation as TypedDocumentNode<unknown, unknown>));
  if (variables && Object.keys(variables).length > 0) {
    url.searchParams.set('variables', JSON.stringify(variables));
  }
  return send<TResult>(url, { method: 'GET' }, signal, credential);
}

/** Runs one of the page's mutations (POST, application/json), with the signed-in editor's credential. */
export function mutate<TResult, TVariables>(operation: TypedDocumentNode<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TResult> {
  return send<TResult>(
    new URL(endpoint(), document.baseURI),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ documentId: documentId(operation as TypedDocumentNode<unknown, unknown>), variables }),
    },
    signal,
  );
}

async function send<TResult>(url: URL, init: RequestInit, signal?: AbortSignal, credential?: Record<string, string>): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        Accept: 'application/graphql-response+json, application/json',
        ...(credential ?? credentialHeaders()),
      },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError('The HealthGraph API could not be reached. Is the server running?');
  }

  // The credential signed in with is no longer accepted (a key revoked, a token expired): the page forgets it and says
  // so, rather than failing every view with it.
  if (response.status === 401 && credential === undefined && viewer() !== null) {
    signOut();
    throw new ApiError('Your sign-in is no longer accepted (a key revoked, or a sign-in expired), so you have been signed out: sign in again, or ask an administrator for a key.');
  }

  let body: { data?: TResult | null; errors?: GraphQLError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a GraphQL response.`);
  }

  if (body.data == null) {
    const errors = body.errors ?? [];
    throw new ApiError(errors.map((e) => e.message).join(' ') || `The API answered ${response.status}.`, errors);
  }
  return body.data;
}
