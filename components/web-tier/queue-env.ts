/** The environment variables that tell the containers where the worker queue is. */

/** Environment variable that gives the containers the queue's URL. */
export const QUEUE_URL_ENV = "TENANT_QUEUE_URL";
/** Environment variable that gives the containers the queue's name (Celery's predefined queues). */
export const QUEUE_NAME_ENV = "TENANT_QUEUE_NAME";
