using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf.Reflection;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ImrGrpc.Server.Errors;
using Microsoft.AspNetCore.Routing;

namespace ImrGrpc.Server.Hosting;

/// <summary>
/// Binds every gRPC service the way grpc-dotnet's own binder does (the generated BindService method, one invoker per
/// method), but with a request deserializer that answers an unparsable body with INVALID_ARGUMENT. Without it a
/// garbage body fails before any interceptor runs and reaches the client as UNKNOWN.
/// </summary>
internal sealed class ValidatingServiceMethodProvider<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] TService>
    : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var (bind, baseType) = FindBindMethod(typeof(TService));
        if (bind is null || baseType is null)
        {
            return;
        }
        bind.Invoke(null, [new Binder(context, baseType), null]);
    }

    /// <summary>The static method named by [BindServiceMethod] on the generated base class, and that base class.</summary>
    private static (MethodInfo? Bind, Type? BaseType) FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                var method = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                    [typeof(ServiceBinderBase), type]);
                return (method, type);
            }
        }
        return (null, null);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (FindPrepared(method.Name, typeof(TRequest)) is { } prepared)
            {
                // The RPC is answered by a method that encodes its own response (same name and route, same bytes), and
                // may take the request already read and mapped (IServedRequest) instead of the generated message.
                var read = prepared.GetParameters()[0].ParameterType;
                var bind = typeof(Binder).GetMethod(nameof(AddPrepared), BindingFlags.NonPublic | BindingFlags.Instance)!
                    .MakeGenericMethod(typeof(TRequest), read, typeof(TResponse), prepared.ReturnType.GetGenericArguments()[0]);
                bind.Invoke(this, [method, prepared]);
                return;
            }
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(TRequest), typeof(ServerCallContext)]);
            context.AddUnaryMethod(Validating(method), metadata, invoker);
        }

        private void AddPrepared<TRequest, TRead, TResponse, TPrepared>(Method<TRequest, TResponse> method, MethodInfo prepared)
            where TRequest : class where TRead : class where TResponse : class where TPrepared : class, IPreparedMessage
        {
            var validating = Validating(method);
            var marshaller = new Marshaller<TPrepared>(
                static (message, serialization) =>
                {
                    // One span of the whole message, though past Kestrel's 4 KB blocks it is a rented array: writing
                    // in block-sized pieces allocated less but cost 8-15% more CPU (docs/PERFORMANCE.md, fourth pass).
                    serialization.SetPayloadLength(message.Size);
                    var writer = serialization.GetBufferWriter();
                    message.WriteTo(writer.GetSpan(message.Size));
                    writer.Advance(message.Size);
                    serialization.Complete();
                },
                static _ => throw new NotSupportedException("a prepared response is only ever written"));
            var reads = typeof(TRead) == typeof(TRequest)
                ? (Marshaller<TRead>)(object)validating.RequestMarshaller
                : (Marshaller<TRead>)typeof(Binder).GetMethod(nameof(ServedReads), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(TRead), typeof(TRequest)).Invoke(null, [validating.RequestMarshaller])!;
            var served = new Method<TRead, TPrepared>(method.Type, method.ServiceName, method.Name, reads, marshaller);
            var metadata = Metadata(prepared);
            var invoker = (UnaryServerMethod<TService, TRead, TPrepared>)Delegate.CreateDelegate(typeof(UnaryServerMethod<TService, TRead, TPrepared>), prepared);
            context.AddUnaryMethod(served, metadata, invoker);
        }

        /// <summary>Reads the request with <typeparamref name="TRead"/>, which falls back on the validating parser.</summary>
        private static Marshaller<TRead> ServedReads<TRead, TRequest>(Marshaller<TRequest> parser)
            where TRead : class, IServedRequest<TRead, TRequest> where TRequest : class
        {
            var parse = parser.ContextualDeserializer;
            return new Marshaller<TRead>(
                static (_, _) => throw new NotSupportedException("a served request is only ever read"),
                context => TRead.Read(context, parse));
        }

        /// <summary>The service's method marked as answering this RPC with a prepared response, if any.</summary>
        private static MethodInfo? FindPrepared(string rpc, Type requestType) =>
            typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m =>
                m.GetCustomAttribute<PreparedResponseAttribute>()?.Rpc == rpc
                && m.GetParameters() is [{ } first, { } second] && Reads(first.ParameterType, requestType) && second.ParameterType == typeof(ServerCallContext)
                && m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                && typeof(IPreparedMessage).IsAssignableFrom(m.ReturnType.GetGenericArguments()[0]));

        /// <summary>The parameter takes the generated message, or a type that reads it (<see cref="IServedRequest{TSelf,TMessage}"/>).</summary>
        private static bool Reads(Type parameter, Type message) =>
            parameter == message || parameter.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IServedRequest<,>) && i.GetGenericArguments()[1] == message);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddServerStreamingMethod(Validating(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)]);
            context.AddClientStreamingMethod(Validating(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddDuplexStreamingMethod(Validating(method), metadata, invoker);
        }

        private static Method<TRequest, TResponse> Validating<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class
        {
            var inner = method.RequestMarshaller;
            var descriptor = typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;
            var marshaller = new Marshaller<TRequest>(inner.ContextualSerializer, context =>
            {
                try
                {
                    return inner.ContextualDeserializer(context);
                }
                catch (Exception e) when (e is not RpcException and not OperationCanceledException)
                {
                    var problem = descriptor is null ? null : WireProblems.Find(descriptor, context.PayloadAsReadOnlySequence().ToArray());
                    throw RpcErrors.InvalidArgument([problem ?? new FieldProblem("request",
                        $"the body is not a valid {typeof(TRequest).Name} protobuf message ({e.GetType().Name})")]);
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }

        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, Type[] parameters) where TDelegate : Delegate
        {
            var handler = Find(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), Metadata(handler));
        }

        private static List<object> Metadata(MethodInfo handler)
        {
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        /// <summary>The service's override of the generated virtual method (a hiding method of the same name is skipped).</summary>
        private MethodInfo? Find(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (method is null)
                {
                    return null;
                }
                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == declaringType)
                {
                    return method;
                }
            }
            return null;
        }
    }
}
