// v6proxy connections table view. Module 'ovV6proxyConnections', controller
// 'OvV6proxyConnectionsCtrl': the names the ONOS GUI derives from the view id.
(function () {
    'use strict';

    angular.module('ovV6proxyConnections', [])
        .controller('OvV6proxyConnectionsCtrl',
            ['$log', '$scope', '$location', 'TableBuilderService',

            function ($log, $scope, $location, tbs) {
                // #/v6proxyConnections?service=NAME lists one service's connections: the
                // table builder sends the URL query with every request, and the server
                // filters on its 'service' field.
                var query = $location.search();
                $scope.service = query.service || null;

                // Message names: v6proxyConnectionDataRequest / ...DataResponse,
                // rows under 'v6proxyConnections'.
                tbs.buildTable({
                    scope: $scope,
                    tag: 'v6proxyConnection',
                    query: query
                });

                // Link of a service name: this view, filtered to that service.
                $scope.connectionsOf = function (name) {
                    return '#/v6proxyConnections?service=' + encodeURIComponent(name);
                };

                $log.debug('OvV6proxyConnectionsCtrl has been created');
            }]);
}());
