using ImrGrpc.Server.Errors;

namespace ImrGrpc.Server.Hosting;

/// <summary>
/// Refuses a call without a valid API key from its headers alone, before gRPC reads or parses a byte of its body: an
/// unauthenticated caller learns nothing about what its body would have produced, and nothing from that body (a case
/// id, a size) can reach the log.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    public const string RefusedKey = "imr.unauthenticated";

    public Task InvokeAsync(HttpContext context)
    {
        if (authenticator.Refusal(context.Request.Path.Value ?? "", context.Request.Headers) is not { } refusal)
        {
            return next(context);
        }
        context.Items[RefusedKey] = true;
        var error = RpcErrors.Unauthenticated(refusal);
        // A trailers-only gRPC response: the status travels in the headers of an otherwise empty HTTP/2 response.
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = error.Status.Detail;
        if (error.Trailers.GetValueBytes("grpc-status-details-bin") is { } details)
        {
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(details);
        }
        return Task.CompletedTask;
    }
}
